/**
 * The scopes a bearer token carries for the hub's writes. One place, so the token command,
 * the development tokens and the subgraphs that check them spell them alike.
 */

/** The scope that lets a token write to one region's subgraph: `<region>:write`, with the region's lower-case name (its subgraph's name). */
export function regionWriteScope(region: string): string {
  return `${region.toLowerCase()}:write`;
}

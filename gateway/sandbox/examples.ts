/**
 * Example operations preloaded into the local sandbox, one GraphiQL tab each.
 *
 * They double as living documentation of the API contract, so field names here
 * must match the federated supergraph exactly. The description is repeated as a
 * `#` comment on the first line of the query text because that is the only place
 * GraphiQL shows it (tabs are titled by the operation name, and GraphiQL skips
 * `#` lines when it guesses that name).
 */

/** One operation offered in the sandbox as its own tab. */
export interface ExampleOperation {
  /** Operation name; must equal the name in `query` so the tab title matches. */
  name: string;
  /** One-line English description of what the operation shows. */
  description: string;
  /** GraphQL document text (a single named operation). */
  query: string;
  /** Optional variables, shown as JSON in the variables editor. */
  variables?: Record<string, unknown>;
}

/** Builds the query text with the description as a leading comment. */
function example(name: string, description: string, body: string, variables?: Record<string, unknown>): ExampleOperation {
  const query = `# ${description}\n${body.trim()}\n`;
  return variables === undefined ? { name, description, query } : { name, description, query, variables };
}

export const defaultExamples: ExampleOperation[] = [
  example(
    'Regions',
    'All regions with the health clusters (sundhedsklynger) in each.',
    `
query Regions {
  regions {
    code
    name
    clusters {
      id
      name
    }
  }
}`,
  ),
  example(
    'ClustersInNordjylland',
    'The health clusters of Region Nordjylland, their municipalities and the health council that succeeds each.',
    `
query ClustersInNordjylland {
  clusters(region: NORDJYLLAND) {
    id
    name
    region {
      code
      name
    }
    municipalities {
      name
    }
    successor {
      id
      name
    }
  }
}`,
  ),
  example(
    'ClusterMeetings',
    'Meetings of one health cluster with their agenda items and decisions.',
    `
query ClusterMeetings {
  cluster(id: "nordjylland-syd") {
    name
    meetings {
      startsAt
      title
      agendaItems {
        number
        title
        decision
      }
    }
  }
}`,
  ),
  example(
    'HealthCouncilLineage',
    'One health council (sundhedsråd) with the clusters it replaces, their initiatives and meetings.',
    `
query HealthCouncilLineage {
  healthCouncil(id: "limfjorden") {
    id
    name
    municipalities {
      name
    }
    predecessors {
      id
      name
      region {
        code
      }
      initiatives {
        title
      }
      meetings {
        startsAt
        title
      }
    }
  }
}`,
  ),
  example(
    'HealthCouncils',
    'All health councils with their region and the clusters they replace.',
    `
query HealthCouncils {
  healthCouncils {
    id
    name
    region {
      code
    }
    predecessors {
      id
      name
    }
  }
}`,
  ),
];

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
  example(
    'SearchDecisions',
    'Danish full-text search in both regions at once: "klyngemidlerne" also finds "klyngemidler"; best hits first, with a snippet (matches in «…») and the source document.',
    `
query SearchDecisions($query: String!, $after: String) {
  clusters {
    id
    name
    search(query: $query, first: 5, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          kind
          title
          snippet
          rank
          date
          meeting {
            id
            title
          }
          source {
            section
            documentRecord {
              title
              date
              url
            }
          }
        }
      }
    }
  }
}`,
    { query: 'klyngemidlerne' },
  ),
  example(
    'MeetingPages',
    'A cluster’s meetings a page at a time (pass pageInfo.endCursor as "after" for the next page), and what changed since an instant, withdrawn meetings included; with the region’s data version.',
    `
query MeetingPages($after: String, $since: DateTime) {
  nordjyllandDataVersion {
    lastChangeAt
    changes
    records
  }
  nordjyllandCluster(id: "nordjylland-midt") {
    meetingsConnection(first: 10, after: $after, modifiedSince: $since) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          date
          title
          state
          updatedAt
        }
      }
    }
  }
}`,
    { since: '2024-01-01T00:00:00Z' },
  ),
  example(
    'WriteMeeting',
    'Writes a meeting of Sundhedsklynge Midt (a mutation): needs a token, see the README ("Writing data"); put it in Headers as {"Authorization": "Bearer <token>"}.',
    `
mutation WriteMeeting($meeting: JSON!) {
  nordjyllandSaveMeeting(meeting: $meeting, document: "Dagsorden, Direktørforum Sundhedsklynge Midt, 3. december 2026") {
    id
    title
    status
    version
    agendaItems {
      number
      title
    }
    history {
      at
      subject
      operation
    }
  }
}`,
    {
      meeting: {
        id: 'nordjylland-midt-direktoerforum-2026-12-03',
        clusterId: 'nordjylland-midt',
        bodyId: 'nordjylland-midt-direktoerforum',
        title: 'Direktørforum Sundhedsklynge Midt d. 03-12-2026',
        status: 'PLANNED',
        date: '2026-12-03',
        startsAt: '2026-12-03T13:00:00+01:00',
        place: null,
        agendaItems: [{ id: 'nordjylland-midt-direktoerforum-2026-12-03-punkt-1', number: '1', title: 'Godkendelse af dagsorden', section: 'Dagsorden' }],
        section: 'Dagsorden',
      },
    },
  ),
];

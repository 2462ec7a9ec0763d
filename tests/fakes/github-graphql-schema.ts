import { buildSchema } from "graphql";

/**
 * The subset of GitHub's GraphQL schema the live source touches, with GitHub's own type, field and
 * argument names (docs.github.com/graphql). A query the real API would reject for a misspelt field or a
 * wrong argument is rejected here too, by graphql's validation.
 */
export const githubSchema = buildSchema(/* GraphQL */ `
  scalar DateTime
  scalar URI
  scalar GitObjectID

  type Query {
    search(
      query: String!
      type: SearchType!
      first: Int
      after: String
      last: Int
      before: String
    ): SearchResultItemConnection!
    repository(owner: String!, name: String!, followRenames: Boolean = true): Repository
    rateLimit(dryRun: Boolean = false): RateLimit
  }

  enum SearchType {
    ISSUE
    ISSUE_ADVANCED
    REPOSITORY
    USER
    DISCUSSION
  }

  type SearchResultItemConnection {
    codeCount: Int!
    discussionCount: Int!
    issueCount: Int!
    repositoryCount: Int!
    userCount: Int!
    wikiCount: Int!
    pageInfo: PageInfo!
    nodes: [SearchResultItem]
    edges: [SearchResultItemEdge]
  }

  type SearchResultItemEdge {
    cursor: String!
    node: SearchResultItem
  }

  union SearchResultItem = Repository | User | Organization

  type PageInfo {
    endCursor: String
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
  }

  type RateLimit {
    cost: Int!
    limit: Int!
    nodeCount: Int!
    remaining: Int!
    resetAt: DateTime!
    used: Int!
  }

  interface RepositoryOwner {
    id: ID!
    login: String!
    url: URI!
  }

  type User implements RepositoryOwner {
    id: ID!
    login: String!
    url: URI!
  }

  type Organization implements RepositoryOwner {
    id: ID!
    login: String!
    url: URI!
  }

  type Repository {
    id: ID!
    databaseId: Int
    name: String!
    nameWithOwner: String!
    owner: RepositoryOwner!
    url: URI!
    homepageUrl: URI
    description: String
    primaryLanguage: Language
    languages(first: Int, after: String, last: Int, before: String): LanguageConnection
    stargazerCount: Int!
    forkCount: Int!
    isArchived: Boolean!
    isFork: Boolean!
    issues(
      labels: [String!]
      states: [IssueState!]
      first: Int
      after: String
      last: Int
      before: String
    ): IssueConnection!
    repositoryTopics(first: Int, after: String, last: Int, before: String): RepositoryTopicConnection!
    licenseInfo: License
    pushedAt: DateTime
    createdAt: DateTime!
    updatedAt: DateTime!
    object(expression: String, oid: GitObjectID): GitObject
  }

  type Language {
    id: ID!
    name: String!
    color: String
  }

  type LanguageConnection {
    nodes: [Language]
    totalCount: Int!
    totalSize: Int!
    pageInfo: PageInfo!
  }

  enum IssueState {
    OPEN
    CLOSED
  }

  type IssueConnection {
    totalCount: Int!
    pageInfo: PageInfo!
  }

  type RepositoryTopicConnection {
    nodes: [RepositoryTopic]
    totalCount: Int!
    pageInfo: PageInfo!
  }

  type RepositoryTopic {
    id: ID!
    topic: Topic!
    url: URI!
  }

  type Topic {
    id: ID!
    name: String!
  }

  type License {
    id: ID!
    key: String!
    name: String!
    nickname: String
    spdxId: String
    url: URI
  }

  interface GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }

  type Blob implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
    byteSize: Int!
    isBinary: Boolean
    isTruncated: Boolean!
    text: String
  }

  type Tree implements GitObject {
    id: ID!
    oid: GitObjectID!
    abbreviatedOid: String!
  }
`);

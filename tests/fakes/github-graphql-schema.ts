import { schema as publishedSchema } from "@octokit/graphql-schema";
import {
  Kind,
  OperationTypeNode,
  buildSchema,
  getArgumentValues,
  getNamedType,
  isInterfaceType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";

/**
 * GitHub's own published GraphQL schema (the `@octokit/graphql-schema` package, generated from GitHub's
 * introspection), so the test server rejects exactly the documents GitHub would: a misspelt field, a wrong
 * argument or a wrong variable type fails validation here as it does on api.github.com.
 *
 * The IDL declares two enterprise fields twice, which a strict build refuses; assumeValidSDL skips that
 * check (the later definition wins), and assumeValid skips re-validating the 1.2 MB schema on first use.
 */
export const githubSchema = buildSchema(publishedSchema.idl, { assumeValidSDL: true, assumeValid: true });

/** GitHub's limits on one call (docs.github.com/graphql/overview/rate-limits-and-node-limits-for-the-graphql-api). */
export const MAX_PAGE_SIZE = 100;
export const MAX_NODES_PER_CALL = 500_000;

export type QueryCost = {
  /** Points charged: connection requests / 100, rounded, at least 1. */
  cost: number;
  /** Nodes the call may return at most: every connection's first/last times its parents'. */
  nodeCount: number;
  /** Requests GitHub assumes it needs: one per connection per parent item. */
  requests: number;
};

const isConnectionType = (type: GraphQLNamedType) => isObjectType(type) && type.name.endsWith("Connection");

/**
 * The rate-limit cost GitHub computes before running a call: add up the requests needed to fulfil each
 * connection, assuming every connection returns its full first/last, divide by 100 and round; the minimum
 * is 1. A connection asked only for totalCount still counts one request per parent item.
 */
export function estimateQueryCost(
  document: DocumentNode,
  variableValues: Record<string, unknown>,
  operationName?: string,
): QueryCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    else if (
      definition.kind === Kind.OPERATION_DEFINITION &&
      (operationName === undefined || definition.name?.value === operationName)
    )
      operation ??= definition;
  }
  const root =
    operation?.operation === OperationTypeNode.QUERY
      ? githubSchema.getQueryType()
      : githubSchema.getMutationType();
  let requests = 0;
  let nodeCount = 0;

  const visit = (selectionSet: SelectionSetNode, parentType: GraphQLNamedType, multiplier: number) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition?.name.value;
        visit(
          selection.selectionSet,
          (condition && githubSchema.getType(condition)) || parentType,
          multiplier,
        );
        continue;
      }
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        const type = fragment && githubSchema.getType(fragment.typeCondition.name.value);
        if (fragment && type) visit(fragment.selectionSet, type, multiplier);
        continue;
      }
      if (!isObjectType(parentType) && !isInterfaceType(parentType)) continue;
      const field = parentType.getFields()[selection.name.value];
      if (!field || !selection.selectionSet) continue;
      const type = getNamedType(field.type);
      if (!isConnectionType(type)) {
        visit(selection.selectionSet, type, multiplier);
        continue;
      }
      const args = getArgumentValues(field, selection, variableValues);
      const limit = [args.first, args.last].find((value): value is number => typeof value === "number") ?? 0;
      requests += multiplier;
      nodeCount += multiplier * limit;
      visit(selection.selectionSet, type, multiplier * Math.max(limit, 1));
    }
  };

  if (operation && root) visit(operation.selectionSet, root, 1);
  return { cost: Math.max(1, Math.round(requests / 100)), nodeCount, requests };
}

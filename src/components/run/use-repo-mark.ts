"use client";

import { skipToken, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RepoMark } from "@/shared/marks";
import { useTRPC } from "@/trpc/react";

export type MarkState = { mark: RepoMark | null; note: string | null };

/** What this tab last set for a repository: it wins over a mark read with a (possibly older) run. */
const markKey = (repo: string) => ["repo-mark", repo.toLowerCase()] as const;

/**
 * One repository's mark, as the server gave it (`serverMark`) unless this tab changed it since. A change
 * shows at once and is rolled back if the server refuses it; changes to one repository go out in order.
 */
export function useRepoMark(repo: string, serverMark: MarkState) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = markKey(repo);
  // Never fetched: the cache entry only holds what this tab's changes left there.
  const override = useQuery<MarkState>({ queryKey: key, queryFn: skipToken }).data;
  const current = override ?? serverMark;

  const mutation = useMutation(
    trpc.repos.mark.mutationOptions({
      scope: { id: `repo-mark:${repo.toLowerCase()}` },
      onMutate: async (input) => {
        await queryClient.cancelQueries({ queryKey: key });
        const previous = queryClient.getQueryData<MarkState>(key) ?? serverMark;
        queryClient.setQueryData<MarkState>(key, { mark: input.mark, note: input.note?.trim() || null });
        return { previous };
      },
      onError: (_error, _input, context) => {
        if (context) queryClient.setQueryData<MarkState>(key, context.previous);
      },
      onSuccess: (saved) => {
        queryClient.setQueryData<MarkState>(key, { mark: saved.mark, note: saved.note });
      },
      // Marked lists refresh when next shown, not under the user: an item unmarked there stays until then.
      onSettled: () =>
        queryClient.invalidateQueries({ queryKey: trpc.repos.marked.pathKey(), refetchType: "none" }),
    }),
  );

  return {
    ...current,
    setMark: (mark: RepoMark | null, note?: string) => {
      mutation.mutate({ repo, mark, ...(note ? { note } : {}) });
    },
    error: mutation.error ? mutation.error.message : null,
    pending: mutation.isPending,
  };
}

"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import type { ApiTokenSummary } from "@/shared/api-tokens";
import { useTRPC } from "@/trpc/react";
import { LocalDateTime } from "../local-date-time";

/** The person's tokens, newest first: what each is called, how it starts, and when it was made and last used. */
export function ApiTokenList({
  tokens,
  onRevoked,
}: {
  tokens: ApiTokenSummary[];
  onRevoked: (name: string) => void;
}) {
  if (tokens.length === 0)
    return (
      <p className="muted" data-testid="api-tokens-empty">
        No tokens yet.
      </p>
    );
  return (
    <div className="token-table-wrap">
      <table className="token-table" data-testid="api-token-list">
        <caption className="visually-hidden">Your personal API tokens</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => (
            <ApiTokenRow key={token.id} token={token} onRevoked={onRevoked} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One token, with a revocation that asks first: anything using the token stops working. */
function ApiTokenRow({ token, onRevoked }: { token: ApiTokenSummary; onRevoked: (name: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const revokeButton = useRef<HTMLButtonElement>(null);
  const revoke = useMutation(
    trpc.apiTokens.revoke.mutationOptions({
      onSuccess: async (revoked) => {
        onRevoked(revoked.name);
        await queryClient.invalidateQueries({ queryKey: trpc.apiTokens.list.queryKey() });
      },
    }),
  );
  // The question takes the focus (on its safe answer), and gives it back when it is dismissed.
  const [returnFocus, setReturnFocus] = useState(false);
  useEffect(() => {
    if (confirming) cancelButton.current?.focus();
    else if (returnFocus) revokeButton.current?.focus();
  }, [confirming, returnFocus]);
  return (
    <tr data-testid="api-token-row">
      <td data-testid="api-token-name-cell">{token.name}</td>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>
        <LocalDateTime iso={token.createdAt} />
      </td>
      <td>{token.lastUsedAt ? <LocalDateTime iso={token.lastUsedAt} /> : "Never"}</td>
      <td className="token-actions">
        {confirming ? (
          <div className="token-confirm" role="group" aria-label={`Revoke ${token.name}?`}>
            <span>Revoke it? Anything using it stops working.</span>
            <button
              type="button"
              className="button button-danger"
              disabled={revoke.isPending}
              onClick={() => {
                revoke.mutate({ tokenId: token.id });
              }}
              data-testid="confirm-revoke-api-token"
            >
              {revoke.isPending ? "Revoking…" : "Revoke token"}
            </button>
            <button
              ref={cancelButton}
              type="button"
              className="button"
              onClick={() => {
                setConfirming(false);
                setReturnFocus(true);
              }}
            >
              Keep it
            </button>
            {revoke.isError ? (
              <p className="field-error" role="alert">
                Could not revoke it: {revoke.error.message}
              </p>
            ) : null}
          </div>
        ) : (
          <button
            ref={revokeButton}
            type="button"
            className="button button-danger"
            onClick={() => {
              setConfirming(true);
            }}
            data-testid="revoke-api-token"
          >
            Revoke<span className="visually-hidden"> {token.name}</span>
          </button>
        )}
      </td>
    </tr>
  );
}

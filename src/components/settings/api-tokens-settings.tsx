"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { CreatedApiToken } from "@/shared/api-tokens";
import { useTRPC } from "@/trpc/react";
import { ApiTokenList } from "./api-token-list";
import { CreateApiTokenForm } from "./create-api-token-form";
import { NewApiToken } from "./new-api-token";

/**
 * The signed-in person's personal API tokens: the ones they hold, a form to create one (its secret shown
 * once, here and nowhere else), and revocation.
 */
export function ApiTokensSettings() {
  const trpc = useTRPC();
  const list = useQuery(trpc.apiTokens.list.queryOptions());
  // Held in this component's state only, so leaving the page forgets the secret for good.
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const atMax = list.data ? list.data.items.length >= list.data.max : false;
  return (
    <section className="card" aria-labelledby="api-tokens-heading" data-testid="api-tokens">
      <header className="card-header">
        <h2 id="api-tokens-heading">Personal API tokens</h2>
        <p className="card-subtitle">
          The <code>scout</code> command and <code>createScoutClient</code> act as you with a token: set it as{" "}
          <code>SCOUT_API_TOKEN</code> for the command, or pass it as <code>{"{ token }"}</code> to the
          client. Anyone holding one can do what you can here, except create tokens; revoke any you no longer
          use.
        </p>
      </header>
      {created ? (
        <NewApiToken
          created={created}
          onDone={() => {
            setCreated(null);
          }}
        />
      ) : null}
      <CreateApiTokenForm
        atMax={atMax}
        max={list.data?.max ?? null}
        onCreated={(token) => {
          setCreated(token);
          setAnnouncement("");
        }}
      />
      <h3 className="settings-subheading">Your tokens</h3>
      {list.isPending ? <p className="muted">Loading your tokens…</p> : null}
      {list.isError ? (
        <p className="field-error" role="alert">
          Could not load your tokens: {list.error.message}
        </p>
      ) : null}
      {list.isSuccess ? (
        <ApiTokenList
          tokens={list.data.items}
          onRevoked={(name) => {
            setAnnouncement(`Revoked “${name}”: anything using it can no longer reach GitHub Scout.`);
          }}
        />
      ) : null}
      <p className="form-status" role="status" aria-live="polite" data-testid="api-tokens-status">
        {announcement}
      </p>
    </section>
  );
}

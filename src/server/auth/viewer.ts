/**
 * How a caller proved who they are: nothing in the local mode, where nobody signs in; a browser's session
 * cookie; or a personal API token sent as a bearer header (the CLI, createScoutClient). Token management
 * depends on it: a leaked token must not mint more.
 */
export type ViewerCredential = "local" | "session" | "api-token";

/** Who is asking. Every profile, run and mark belongs to one user, and a user reads only their own. */
export type Viewer = { userId: string; via: ViewerCredential };

/**
 * The one user of the local mode, where nobody signs in. The migration that introduced users created it and
 * gave it every row stored before.
 */
export const LOCAL_USER_ID = "local";

export const localViewer: Viewer = { userId: LOCAL_USER_ID, via: "local" };

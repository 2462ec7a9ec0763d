/** Who is asking. Every profile, run and mark belongs to one user, and a user reads only their own. */
export type Viewer = { userId: string };

/**
 * The one user of the local mode, where nobody signs in. The migration that introduced users created it and
 * gave it every row stored before.
 */
export const LOCAL_USER_ID = "local";

export const localViewer: Viewer = { userId: LOCAL_USER_ID };

/** Made-up credentials the test servers accept; the e2e tests check they never reach the page. */
export const e2eSecrets = {
  githubToken: "fake_gh_e2eFakeToken000000000000000000000000",
  openaiKey: "fake_oa_e2e-fake-key-00000000000000000000",
  /** The accounts server's session secret and token key (32 bytes of 0x2a). */
  sessionSecret: "e2e-session-secret-0000000000000000000000",
  tokenKeys: `e2e:${Buffer.alloc(32, 42).toString("base64")}`,
};

/** Made-up credentials the test servers accept; the e2e tests check they never reach the page. */
export const e2eSecrets = {
  githubToken: "ghp_e2eFakeToken000000000000000000000000",
  openaiKey: "sk-e2e-fake-key-00000000000000000000",
};

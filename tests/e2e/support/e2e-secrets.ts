/** Made-up credentials the test servers accept; the e2e tests check they never reach the page. */
export const e2eSecrets = {
  githubToken: "fake_gh_e2eFakeToken000000000000000000000000",
  openaiKey: "fake_oa_e2e-fake-key-00000000000000000000",
};

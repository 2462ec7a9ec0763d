import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer, type SMTPServerDataStream } from "smtp-server";

export type ReceivedMail = { rcptTo: string[]; mail: ParsedMail };

export type MailServer = {
  /** SCOUT_SMTP_URL for this server, with its user name and the given password. */
  smtpUrl: (password?: string) => string;
  /** Mails accepted, parsed, in the order they arrived. */
  received: ReceivedMail[];
  /** Every recipient a client asked for, accepted or not. */
  recipientsAsked: string[];
  close: () => Promise<void>;
};

export const MAIL_USER = "scout";
export const MAIL_PASSWORD = "mail-Pa55word!/with:odd@chars";

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A real SMTP server on 127.0.0.1 (a free port), plain text as a local relay speaks it, asking for the login
 * MAIL_USER / MAIL_PASSWORD. Each mail is parsed before the server answers "250", so once a client's send
 * has resolved, the mail is in `received`. With `rejectRecipients` every RCPT TO is refused with a 550.
 */
export async function startMailServer({
  rejectRecipients = false,
}: { rejectRecipients?: boolean } = {}): Promise<MailServer> {
  const received: ReceivedMail[] = [];
  const recipientsAsked: string[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      if (auth.username === MAIL_USER && auth.password === MAIL_PASSWORD) callback(null, { user: MAIL_USER });
      else callback(new Error("Invalid user name or password"));
    },
    onRcptTo(address, _session, callback) {
      recipientsAsked.push(address.address);
      if (rejectRecipients) callback(Object.assign(new Error("No such mailbox here"), { responseCode: 550 }));
      else callback();
    },
    onData(stream, session, callback) {
      readAll(stream)
        .then((raw) => simpleParser(raw))
        .then((mail) => {
          received.push({ rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          callback();
        })
        .catch((error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    smtpUrl: (password = MAIL_PASSWORD) =>
      `smtp://${MAIL_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`,
    received,
    recipientsAsked,
    close: () =>
      new Promise((resolve) => {
        server.close(resolve);
      }),
  };
}

import { connect, Socket } from "node:net";

/**
 * A raw SMTP conversation, for input no well-behaved client would send: each
 * step is written as given (a command, or a DATA body ending in CRLF.CRLF) and
 * its complete reply read (the last line of a multi-line reply has a space
 * after its code).
 */
export class SmtpSession {
  private buffer = "";
  private waiting?: (reply: string) => void;
  closed = false;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => {
      this.buffer += d;
      this.deliver();
    });
    socket.on("close", () => {
      this.closed = true;
      this.waiting?.(this.buffer || "(closed)");
    });
    socket.on("error", () => undefined);
  }

  static async open(host: string, port: number): Promise<{ session: SmtpSession; greeting: string }> {
    const socket = connect(port, host);
    const session = new SmtpSession(socket);
    const greeting = await session.reply();
    return { session, greeting };
  }

  private deliver(): void {
    const lines = this.buffer.split("\r\n");
    const last = lines.findIndex((l) => /^\d{3}( |$)/.test(l));
    if (last < 0 || !this.waiting) return;
    const reply = lines.slice(0, last + 1).join("\r\n");
    this.buffer = lines.slice(last + 1).join("\r\n");
    const resolve = this.waiting;
    this.waiting = undefined;
    resolve(reply);
  }

  private reply(): Promise<string> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve("(no reply)"), 5_000);
      this.waiting = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.deliver();
    });
  }

  /** Writes one step and resolves to its reply's code (0 when the connection closed without one). */
  async send(step: string): Promise<number> {
    if (this.closed) return 0;
    this.socket.write(step.endsWith("\r\n") ? step : `${step}\r\n`);
    const reply = await this.reply();
    return /^\d{3}/.test(reply) ? Number(reply.slice(0, 3)) : 0;
  }

  close(): void {
    this.socket.destroy();
  }
}

export const plainLogin = (user: string, password: string): string =>
  `AUTH PLAIN ${Buffer.from(`\0${user}\0${password}`).toString("base64")}`;

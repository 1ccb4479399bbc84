import type { Dispatcher } from "undici";

/** Reading an answer's body with a ceiling; a type import only, so that loading this loads no HTTP stack. */

/** The answer was longer than `limitBytes`: reading stopped there. */
export class AnswerTooLarge extends Error {
  constructor(readonly limitBytes: number) {
    super(`the answer was larger than ${limitBytes} bytes`);
  }
}

/** The body, read up to `limit` bytes; the connection is dropped past it. */
export async function readCapped(
  body: Dispatcher.ResponseData["body"],
  declaredLength: string | string[] | undefined,
  limit: number,
): Promise<string> {
  if (Number(declaredLength) > limit) {
    body.destroy();
    throw new AnswerTooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      body.destroy();
      throw new AnswerTooLarge(limit);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

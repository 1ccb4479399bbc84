import { ChildProcess } from "node:child_process";

/**
 * The first `count` whole lines a child process prints on stdout. Output comes
 * in chunks the pipe cuts where it likes: one chunk may hold several lines (the
 * API URL and the SMTP URL together) or half of one, so a test that takes the
 * first chunk as the first line fails now and then.
 */
export function printedLines(child: ChildProcess, count = 1): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let out = "";
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const lines = out.split("\n");
      if (lines.length > count) {
        child.stdout?.off("data", onData);
        resolve(lines.slice(0, count));
      }
    };
    child.stdout?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the process exited with ${code} after printing ${JSON.stringify(out)}`)));
  });
}

/** The first line a child process prints: the emulator command's API URL. */
export async function printedUrl(child: ChildProcess): Promise<string> {
  return (await printedLines(child, 1))[0];
}

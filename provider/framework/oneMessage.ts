import type * as pulumi from "@pulumi/pulumi";

/**
 * One message per failure. The SDK's dynamic-provider host writes every error
 * of check, diff, read and delete to stderr as `${error}: ${error.stack}`
 * before it hands the error to the engine. The engine then prints that stderr
 * line on the stack (the name, the message twice, and a trace into sources the
 * package does not ship), live and again under Diagnostics, besides the error
 * it shows against the resource. Our errors' messages are the whole story, so
 * the stderr copy of exactly those errors is dropped; the engine still gets
 * and shows each error, and anything else written to stderr passes.
 */

type Implementation = Required<Omit<pulumi.dynamic.ResourceProvider, "configure">>;

/** The stderr lines the host is about to write for errors of ours, each dropped once. */
const expected = new Map<string, number>();
let installed = false;

function install(): void {
  if (installed) return;
  installed = true;
  const write = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    const line = args.length === 1 && typeof args[0] === "string" ? args[0] : undefined;
    const pending = line === undefined ? 0 : (expected.get(line) ?? 0);
    if (line === undefined || pending === 0) return write(...args);
    if (pending === 1) expected.delete(line);
    else expected.set(line, pending - 1);
  };
}

/** Runs `work`; an error it throws is passed on, its stderr copy announced for dropping. */
async function announcingErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof Error) {
      // What the host writes: `${e}: ${e.stack}`.
      const line = `${String(err)}: ${err.stack}`;
      expected.set(line, (expected.get(line) ?? 0) + 1);
    }
    throw err;
  }
}

/**
 * The implementation with the stderr copies of its check, diff, read and delete
 * errors dropped (create and update errors the host passes to the engine alone).
 */
export function withOneMessagePerFailure(impl: Implementation): Implementation {
  install();
  return {
    check: (olds, news) => announcingErrors(() => impl.check(olds, news)),
    diff: (id, olds, news) => announcingErrors(() => impl.diff(id, olds, news)),
    create: (inputs) => impl.create(inputs),
    read: (id, props) => announcingErrors(() => impl.read(id, props)),
    update: (id, olds, news) => impl.update(id, olds, news),
    delete: (id, props) => announcingErrors(() => impl.delete(id, props)),
  };
}

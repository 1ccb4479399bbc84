// Each step runs the real engine; the first one may also build the Pulumi CLI.
jest.setTimeout(900_000);

#!/usr/bin/env node
// A Node.js language host for the Pulumi engine, for machines where the Go one
// (`pulumi-language-nodejs`) cannot be built: the Go module proxy refuses it.
// ensure-pulumi.sh copies it beside the CLI as `pulumi-language-nodejs`.
//
// It does what the Go host does for `pulumi up/preview/refresh/destroy`: serve
// the LanguageRuntime gRPC service, and on Run start the Node SDK's own program
// runner (`@pulumi/pulumi/cmd/run`) with the engine's arguments, the stack config
// in PULUMI_CONFIG, and the program's entry point. Code generation, `pulumi
// install`, `pulumi about` and plugin packing are not offered (UNIMPLEMENTED).
// Required plugins are reported as none: on these machines plugins are not
// downloaded, and the dynamic-provider plugin sits beside the CLI.
"use strict";
const path = require("path");
const { spawn } = require("child_process");

// The CLI's version, placed beside this file by ensure-pulumi.sh (from scripts/pulumi-cli/VERSION).
const VERSION = (() => {
  try {
    return require("fs").readFileSync(path.join(__dirname, "pulumi-cli-version"), "utf8").trim();
  } catch {
    return "0.0.0";
  }
})();

// The SDK and gRPC come from the project being run, like the Go host's runner does.
function fromProject(request, dir) {
  return require(require.resolve(request, { paths: [dir, process.cwd()] }));
}

function main() {
  const positional = process.argv.slice(2).filter((a) => !a.startsWith("-"));
  let engineAddress = positional[positional.length - 1] || "";
  const dir = process.cwd();
  let grpc, rpc, pb, pluginPb, emptyPb;
  try {
    grpc = fromProject("@grpc/grpc-js", path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir] })));
    rpc = fromProject("@pulumi/pulumi/proto/language_grpc_pb.js", dir);
    pb = fromProject("@pulumi/pulumi/proto/language_pb.js", dir);
    pluginPb = fromProject("@pulumi/pulumi/proto/plugin_pb.js", dir);
    emptyPb = fromProject(
      "google-protobuf/google/protobuf/empty_pb.js",
      path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [dir] })),
    );
  } catch (err) {
    process.stderr.write(
      `pulumi-language-nodejs: cannot load @pulumi/pulumi from ${dir}; run npm install in the project (${err.message})\n`,
    );
    process.exit(1);
  }

  const service = {
    handshake(call, callback) {
      engineAddress = call.request.getEngineAddress() || engineAddress;
      callback(null, new pb.LanguageHandshakeResponse());
    },
    getPluginInfo(_call, callback) {
      const info = new pluginPb.PluginInfo();
      info.setVersion(VERSION);
      callback(null, info);
    },
    getRequiredPlugins(_call, callback) {
      callback(null, new pb.GetRequiredPluginsResponse());
    },
    getRequiredPackages(_call, callback) {
      callback(null, new pb.GetRequiredPackagesResponse());
    },
    run(call, callback) {
      const req = call.request;
      const info = req.getInfo();
      const pwd = req.getPwd() || dir;
      const programDir = (info && info.getProgramDirectory()) || pwd;
      const entry = (info && info.getEntryPoint()) || req.getProgram() || ".";
      const program = entry === "." ? programDir : path.resolve(programDir, entry);
      let runner;
      try {
        runner = require.resolve("@pulumi/pulumi/cmd/run", { paths: [programDir, pwd] });
      } catch (err) {
        const resp = new pb.RunResponse();
        resp.setError(`cannot find @pulumi/pulumi from ${programDir}: ${err.message}`);
        return callback(null, resp);
      }
      // Pulumi.yaml's `runtime.options`, as the Go host reads them: TypeScript is on unless
      // `typescript: false`; `tsconfig` and `nodeargs` pass through.
      const options = (info && info.getOptions() && info.getOptions().toJavaScript()) || {};
      const typescriptEnv = { PULUMI_NODEJS_TYPESCRIPT: String(options.typescript !== false) };
      if (options.tsconfig) typescriptEnv.PULUMI_NODEJS_TSCONFIG_PATH = String(options.tsconfig);
      const nodeArgs = options.nodeargs ? String(options.nodeargs).split(/\s+/).filter(Boolean) : [];
      const config = {};
      for (const [key, value] of req.getConfigMap().entries()) config[key] = value;
      const args = [
        ...nodeArgs,
        runner,
        `--monitor=${req.getMonitorAddress()}`,
        `--engine=${engineAddress}`,
        `--organization=${req.getOrganization()}`,
        `--project=${req.getProject()}`,
        `--stack=${req.getStack()}`,
        `--pwd=${pwd}`,
        `--dry-run=${req.getDryrun()}`,
        `--query-mode=${req.getQuerymode()}`,
        `--parallel=${req.getParallel()}`,
        program,
        ...req.getArgsList(),
      ];
      const child = spawn(process.execPath, args, {
        cwd: pwd,
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          PULUMI_CONFIG: JSON.stringify(config),
          PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(req.getConfigsecretkeysList()),
          PULUMI_NODEJS_ROOT_DIRECTORY: (info && info.getRootDirectory()) || pwd,
          ...typescriptEnv,
        },
      });
      child.on("close", (code) => {
        const resp = new pb.RunResponse();
        // The runner exits 32 when it has already reported the error to the engine.
        if (code === 32) resp.setBail(true);
        else if (code !== 0) resp.setError(`the program exited with code ${code}`);
        callback(null, resp);
      });
    },
    cancel(_call, callback) {
      callback(null, new emptyPb.Empty());
    },
  };

  const server = new grpc.Server();
  server.addService(rpc.LanguageRuntimeService, service);
  server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
    if (err) {
      process.stderr.write(`pulumi-language-nodejs: ${err.message}\n`);
      process.exit(1);
    }
    // The engine reads the port from the first line.
    process.stdout.write(`${port}\n`);
  });
}

main();

// A minimal CreateSession endpoint for the client benchmark, run as its own process so it does not
// share the measured processes' CPU time: node:http, a fixed 201 answer (credentials valid for an
// hour). Prints "LISTENING <port>" once bound; exits on SIGTERM or when stdin closes.
import { createServer } from "node:http";

const expiration = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, "Z");
const body = JSON.stringify({
  credentialSet: [
    {
      assumedRoleUser: {
        arn: "arn:aws:sts::123456789012:assumed-role/test-role/4098",
        assumedRoleId: "AROAEXAMPLEROLEID0001:4098",
      },
      credentials: {
        accessKeyId: "ASIAEXAMPLEACCESSKEY",
        secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY+Zz=",
        sessionToken: "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN/abc+def==",
        expiration,
      },
      packedPolicySize: 0,
      roleArn: "arn:aws:iam::123456789012:role/test-role",
      sourceIdentity: "CN=test-client",
    },
  ],
  subjectArn: "arn:aws:rolesanywhere:us-east-1:123456789012:subject/bench",
});
let requests = 0;
const server = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    requests++;
    res.writeHead(201, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) });
    res.end(body);
  });
});
server.listen(0, "127.0.0.1", () => process.stdout.write(`LISTENING ${server.address().port}\n`));
const stop = () => {
  process.stderr.write(`endpoint: ${requests} requests\n`);
  process.exit(0);
};
process.on("SIGTERM", stop);
process.stdin.on("end", stop);
process.stdin.resume();

// Certificates for the CreateSession end-to-end tests, made with the openssl CLI at test time (as an
// operator would): a root CA (`req -x509`), CAs and clients signed with `openssl ca` (which allows
// any validity window — an expired intermediate with a valid leaf under it included), revocation
// and CRLs with `openssl ca -revoke` / `-gencrl`. Keys are P-256 unless asked otherwise.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const probe = spawnSync("openssl", ["version"], { encoding: "utf8" });
/** Why the openssl-based tests cannot run here, or false. */
export const OPENSSL_MISSING: string | false =
  probe.error !== undefined || probe.status !== 0
    ? "openssl is not installed; install it to run the CreateSession end-to-end tests"
    : false;

function run(args: readonly string[], cwd: string): string {
  const r = spawnSync("openssl", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`openssl ${args.join(" ")} failed:\n${r.stderr}`);
  return r.stdout;
}

/** A certificate made here: its files and PEM. */
export interface Made {
  readonly certPath: string;
  readonly keyPath: string;
  readonly pem: string;
  readonly keyPem: string;
  /** Upper-case hex, as Anchorage names serials (session name, subject credentials). */
  readonly serialHex: string;
}

export type KeyAlgorithm = "p256" | "rsa2048";

const keyArgs = (key: KeyAlgorithm) =>
  key === "rsa2048" ? ["-newkey", "rsa:2048"] : ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];

/** `20260101000000Z` for openssl ca's -startdate / -enddate. */
const asn1Time = (d: Date) => `${d.toISOString().replace(/[-:T]/g, "").slice(0, 14)}Z`;

function madeFrom(dir: string, name: string): Made {
  const certPath = join(dir, `${name}.pem`);
  const keyPath = join(dir, `${name}.key`);
  const pem = readFileSync(certPath, "utf8");
  const serial = run(["x509", "-in", certPath, "-noout", "-serial"], dir)
    .trim()
    .replace(/^serial=/, "");
  const hex = serial.replace(/^0+(?=.)/, "");
  return {
    certPath,
    keyPath,
    pem,
    keyPem: readFileSync(keyPath, "utf8"),
    serialHex: (hex.length % 2 === 1 ? `0${hex}` : hex).toUpperCase(),
  };
}

/** What a certificate is for: a CA (`pathlen:0` under the root) or a client. */
export type Profile = "ca" | "client";

export interface IssueOptions {
  /** `/O=Example/OU=apps/CN=app-1` (most significant first). */
  readonly subject: string;
  readonly profile: Profile;
  readonly dns?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
  readonly key?: KeyAlgorithm;
}

/** A CA that signs with `openssl ca` in its own directory. */
export class OpensslCa {
  readonly dir: string;
  readonly cert: Made;
  #count = 0;

  private constructor(dir: string, cert: Made) {
    this.dir = dir;
    this.cert = cert;
  }

  /** A self-signed root CA in `dir/<name>`. */
  static root(parent: string, name: string, subject: string, key: KeyAlgorithm = "p256"): OpensslCa {
    const dir = join(parent, name);
    OpensslCa.#layout(dir);
    run(
      [
        "req",
        "-x509",
        ...keyArgs(key),
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "3650",
        "-subj",
        subject,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
      ],
      dir,
    );
    return new OpensslCa(dir, madeFrom(dir, "ca"));
  }

  static #layout(dir: string): void {
    mkdirSync(join(dir, "newcerts"), { recursive: true });
    writeFileSync(join(dir, "index.txt"), "");
    writeFileSync(
      join(dir, "serial"),
      `${run(["rand", "-hex", "16"], dir)
        .trim()
        .replace(/^[89a-f]/, "1")}\n`,
    );
    writeFileSync(join(dir, "crlnumber"), "01\n");
    writeFileSync(
      join(dir, "ca.cnf"),
      [
        "[ca]",
        "default_ca = CA_default",
        "[CA_default]",
        `dir = ${dir}`,
        "database = $dir/index.txt",
        "new_certs_dir = $dir/newcerts",
        "serial = $dir/serial",
        "crlnumber = $dir/crlnumber",
        "certificate = $dir/ca.pem",
        "private_key = $dir/ca.key",
        "default_md = sha256",
        "default_days = 30",
        "default_crl_days = 30",
        "policy = policy_any",
        "unique_subject = no",
        "copy_extensions = none",
        "[policy_any]",
        "commonName = supplied",
        "organizationName = optional",
        "organizationalUnitName = optional",
        "",
      ].join("\n"),
    );
  }

  /** Issues a certificate (a CA under this one, or a client); any validity window. */
  issue(name: string, options: IssueOptions): Made {
    const n = ++this.#count;
    const extensions =
      options.profile === "ca"
        ? [
            "basicConstraints = critical,CA:TRUE,pathlen:0",
            "keyUsage = critical,keyCertSign,cRLSign",
            "subjectKeyIdentifier = hash",
            "authorityKeyIdentifier = keyid",
          ]
        : [
            "basicConstraints = critical,CA:FALSE",
            "keyUsage = critical,digitalSignature",
            "extendedKeyUsage = clientAuth",
            "subjectKeyIdentifier = hash",
            "authorityKeyIdentifier = keyid",
            ...(options.dns === undefined ? [] : [`subjectAltName = DNS:${options.dns}`]),
          ];
    writeFileSync(join(this.dir, `ext${n}.cnf`), `[ext]\n${extensions.join("\n")}\n`);
    run(
      [
        "req",
        "-new",
        ...keyArgs(options.key ?? "p256"),
        "-nodes",
        "-keyout",
        `${name}.key`,
        "-out",
        `${name}.csr`,
        "-subj",
        options.subject,
      ],
      this.dir,
    );
    const notBefore = options.notBefore ?? new Date(Date.now() - 3600_000);
    const notAfter = options.notAfter ?? new Date(Date.now() + 30 * 86_400_000);
    run(
      [
        "ca",
        "-batch",
        "-config",
        "ca.cnf",
        "-notext",
        "-preserveDN",
        "-in",
        `${name}.csr`,
        "-out",
        `${name}.pem`,
        "-startdate",
        asn1Time(notBefore),
        "-enddate",
        asn1Time(notAfter),
        "-extfile",
        `ext${n}.cnf`,
        "-extensions",
        "ext",
      ],
      this.dir,
    );
    return madeFrom(this.dir, name);
  }

  /** A CA signing with the key and certificate of one it issued. */
  subordinate(made: Made, name: string): OpensslCa {
    const dir = join(this.dir, name);
    OpensslCa.#layout(dir);
    writeFileSync(join(dir, "ca.pem"), made.pem);
    writeFileSync(join(dir, "ca.key"), made.keyPem);
    return new OpensslCa(dir, madeFrom(dir, "ca"));
  }

  /** Marks a certificate this CA issued as revoked. */
  revoke(made: Made): void {
    run(["ca", "-config", "ca.cnf", "-revoke", made.certPath, "-crl_reason", "keyCompromise"], this.dir);
  }

  /** The current CRL (PEM `X509 CRL`), written to `<name>.crl.pem`. */
  crl(name: string): string {
    run(["ca", "-config", "ca.cnf", "-gencrl", "-out", `${name}.crl.pem`], this.dir);
    return join(this.dir, `${name}.crl.pem`);
  }
}

// The checks of `anchorage doctor`, in the order they run: local files and key first, then the
// certificate itself, then what the server holds (through the API), and a real CreateSession last.
import type { DoctorContext } from "../context.js";
import type { DoctorStep } from "../step.js";
import { chainStep } from "./chain.js";
import { createSessionStep } from "./create-session.js";
import { crlsStep } from "./crls.js";
import { filesStep } from "./files.js";
import { keyStep } from "./key.js";
import { lintStep } from "./lint.js";
import { pathStep } from "./path.js";
import { profileStep } from "./profile.js";
import { roleStep } from "./role.js";
import { trustAnchorStep } from "./trust-anchor.js";
import { trustPolicyStep } from "./trust-policy.js";
import { validityStep } from "./validity.js";

export const DOCTOR_STEPS: readonly DoctorStep<DoctorContext>[] = [
  filesStep,
  keyStep,
  chainStep,
  lintStep,
  validityStep,
  trustAnchorStep,
  pathStep,
  crlsStep,
  profileStep,
  roleStep,
  trustPolicyStep,
  createSessionStep,
];

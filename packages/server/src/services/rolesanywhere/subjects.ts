// Subjects: GetSubject and ListSubjects (spec §1.4, §5.10). Read-only here: CreateSession records
// them (`subjects.recordAuthentication`).
import { formatArn } from "./arns.js";
import { toSubjectDetail, toSubjectSummary } from "./details.js";
import type { Handlers, RolesAnywhere } from "./handler.js";
import { readPage } from "./pagination.js";
import { present } from "./resources.js";

export function subjectHandlers(service: RolesAnywhere): Pick<Handlers, "GetSubject" | "ListSubjects"> {
  const { store } = service.context;
  return {
    async GetSubject({ subjectId }, call) {
      await call.authorize("GetSubject", formatArn(service.scope, "subject", subjectId));
      return { subject: toSubjectDetail(present("subject", subjectId, await store.subjects.get(subjectId))) };
    },
    async ListSubjects(input, call) {
      await call.authorize("ListSubjects", "*");
      const page = await readPage(service.pageTokens, "ListSubjects", input, (options) =>
        store.subjects.list(options),
      );
      return { subjects: page.items.map(toSubjectSummary), nextToken: page.nextToken };
    },
  };
}

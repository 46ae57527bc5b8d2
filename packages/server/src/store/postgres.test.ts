import { storeConformance } from "./store.conformance.js";
import { postgresTestSkipReason, temporaryPostgresDatabase } from "./test-databases.js";

storeConformance("postgres", temporaryPostgresDatabase, { all: postgresTestSkipReason() });

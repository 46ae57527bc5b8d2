import { storeConformance } from "./store.conformance.js";
import { temporarySqliteDatabase } from "./test-databases.js";

storeConformance("sqlite", temporarySqliteDatabase);

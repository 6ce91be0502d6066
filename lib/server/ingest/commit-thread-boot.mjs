// The scan-commit thread's first module (see commit-thread.ts): plain JavaScript, so that Node can start it in any
// process (the production server runs Next's compiled bundle, not the sources); it registers the TypeScript loader and
// loads the thread's entry from the sources.
import { register } from "tsx/esm/api";
import { workerData } from "node:worker_threads";

register();
await import(workerData.entry);

import { CASES } from "./notifyUrls.cases";
import { runMatrix } from "./support";

runMatrix(CASES);

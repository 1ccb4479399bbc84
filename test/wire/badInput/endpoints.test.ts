import { CASES } from "./endpoints.cases";
import { runMatrix } from "./support";

runMatrix(CASES);

import { CASES } from "./domains.cases";
import { runMatrix } from "./support";

runMatrix(CASES);

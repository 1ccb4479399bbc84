import { CASES } from "./tags.cases";
import { runMatrix } from "./support";

runMatrix(CASES);

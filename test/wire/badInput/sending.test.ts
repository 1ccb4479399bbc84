import { CASES } from "./sending.cases";
import { runMatrix } from "./support";

runMatrix(CASES);

// Types for the grammar nearleyc compiles from main.ne (`npm run grammar`).
import type { CompiledRules } from "nearley";

declare const grammar: CompiledRules;
export default grammar;

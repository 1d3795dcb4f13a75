// Filled in by the change that brings these routes (issue 14).
export {};

/**
 * Entry of `npm run bench`. The script sets SWC_NODE_PROJECT=test/tsconfig.json so that
 * @swc-node/register compiles the server's decorators (and their metadata) as tsc does.
 */
import { main } from './bench';

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);

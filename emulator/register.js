// Lets plain `node` run the emulator's TypeScript sources through tsx.
import { register } from 'tsx/esm/api';

register();

import { startSharedHub } from './shared-hub';

export default startSharedHub;

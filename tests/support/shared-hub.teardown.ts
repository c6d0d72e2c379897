import { stopSharedHub } from './shared-hub';

export default stopSharedHub;

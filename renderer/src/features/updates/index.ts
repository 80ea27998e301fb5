export { UpdatePrompt } from './update-prompt';
export { UpdatesCard } from './updates-card';

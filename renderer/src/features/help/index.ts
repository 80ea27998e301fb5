export { HelpButton } from './help-button';
export { helpTopicFor, HELP_TOPICS, type HelpTopic } from './help-topics';

/** Topic names the manifests need, from @hub/contracts. */
import { redeliveryTopic, retryTopic, targetControlTopic, topics } from '@hub/contracts';

export const retryTopicName = retryTopic;
export const redeliveryTopicName = redeliveryTopic;
export const deadLetterTopicName: string = topics.deadLetter;
export const outcomeTopicName: string = topics.deliveryOutcome;
/** The operators' target controls: every app that obeys them reads it and writes its start-up marker. */
export const controlTopicName: string = targetControlTopic;

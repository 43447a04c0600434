/** Topic names the manifests need, from @hub/contracts. */
import { redeliveryTopic, retryTopic, topics } from '@hub/contracts';

export const retryTopicName = retryTopic;
export const redeliveryTopicName = redeliveryTopic;
export const deadLetterTopicName: string = topics.deadLetter;
export const outcomeTopicName: string = topics.deliveryOutcome;

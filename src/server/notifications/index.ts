export { notifySubmission } from "./notify-submission";
export { NotificationRetryError, type NotificationRecord, type NotifyOptions, type SmtpSettings } from "./types";

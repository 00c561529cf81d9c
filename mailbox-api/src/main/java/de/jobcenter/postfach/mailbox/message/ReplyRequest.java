package de.jobcenter.postfach.mailbox.message;

/**
 * What the portal sends to answer a staff message. Without a subject the answer is titled „AW: “ and the staff
 * message's subject. Unknown fields are refused.
 */
public record ReplyRequest(String body, String subject) {}

package de.jobcenter.postfach.mailbox.message;

/** What the portal sends to write a message. Unknown fields are refused. */
public record WriteMessageRequest(String officeId, String concern, String subject, String body) {}

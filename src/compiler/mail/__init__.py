"""Mailing an edition: lists, SMTP settings, the message, delivery, and the send record kept with the content."""

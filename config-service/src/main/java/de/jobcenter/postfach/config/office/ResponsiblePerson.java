package de.jobcenter.postfach.config.office;

import de.jobcenter.postfach.config.rules.PlainText;

/** The office's named responsible person: a contact for central administrators, nothing more. */
public record ResponsiblePerson(String name, String email, String phone) {
    public ResponsiblePerson {
        name = PlainText.normalise(name);
        email = email == null || email.isBlank() ? null : email.strip();
        phone = phone == null || phone.isBlank() ? null : phone.strip();
    }
}

package io.eventplatform.identity.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.eventplatform.identity.config.AccountsConfig;
import io.eventplatform.identity.domain.User;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;

/**
 * identity-service's account emails, through Quarkus Mailer (SMTP, configured by {@code quarkus.mailer.*}). Sending
 * does not hold up the request, so an answer takes as long whether or not an email goes out (no account
 * enumeration by timing); a failure is logged and the person can ask again.
 */
@ApplicationScoped
public class AccountMailer {

    private static final Logger LOG = Logger.getLogger(AccountMailer.class);

    private final ReactiveMailer mailer;
    private final AccountsConfig config;

    public AccountMailer(ReactiveMailer mailer, AccountsConfig config) {
        this.mailer = mailer;
        this.config = config;
    }

    public void sendVerification(User user, String secret) {
        send(user, "Confirm your email address", """
                Hello %s,

                to confirm that this is your email address, open your app's "verify email" page while signed in
                and enter the code below, or send POST %s/api/auth/verify-email with {"token": "<the code>"} and
                your access token. It works once, for %d hours:

                token=%s

                If you did not create an account, ignore this email: nobody can confirm it without this code.
                """.formatted(user.name, config.publicUrl(), config.verificationLifetime().toHours(), secret));
    }

    public void sendPasswordReset(User user, String secret) {
        send(user, "Reset your password", """
                Hello %s,

                someone (hopefully you) asked to reset the password of your account. To choose a new one, send
                POST %s/api/auth/password-reset/confirm with {"token": "<the token below>", "new_password": "..."}
                or open your app's reset page with this token. It works once, for %d minutes:

                token=%s

                If you did not ask for this, ignore this email: your password stays as it is.
                """.formatted(user.name, config.publicUrl(), config.resetLifetime().toMinutes(), secret));
    }

    private void send(User user, String subject, String text) {
        mailer.send(Mail.withText(user.email, subject, text)).subscribe().with(
                sent -> LOG.debugf("Sent \"%s\" to user %s", subject, user.id),
                failure -> LOG.warnf("Could not send \"%s\" to user %s: %s", subject, user.id, failure.toString()));
    }
}

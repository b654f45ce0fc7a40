package io.eventplatform.identity.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.eventplatform.common.validation.Formats;
import io.eventplatform.common.validation.Limits;

/** The request bodies of the auth API, with the prototype's fields and stricter validation. */
public final class AuthRequests {

    private AuthRequests() {
    }

    public record Register(
            @NotBlank @Email(regexp = Formats.EMAIL, message = "value is not a valid email address") @Size(max = Limits.EMAIL) String email,
            @NotBlank @Size(max = Limits.SHORT_TEXT) String name,
            @NotNull @Size(min = 8, max = 128, message = "password must be between 8 and 128 characters") String password,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = Limits.URL) String avatar) {
    }

    public record Login(
            @NotBlank @Size(max = Limits.EMAIL) String email,
            @NotBlank @Size(max = 128) String password) {
    }

    /** {@code password} is accepted only to answer that it is changed elsewhere (it used to be ignored silently). */
    public record UpdateMe(
            @Size(min = 1, max = Limits.SHORT_TEXT) String name,
            @Size(max = Limits.URL) String avatar,
            @Pattern(regexp = Formats.PHONE, message = "value is not a valid phone number") String phone,
            @Size(max = 128) String password) {
    }

    public record VerifyEmail(@NotBlank @Size(max = 200) String token) {
    }

    public record ChangePassword(
            @NotNull @Size(max = 128) String currentPassword,
            @NotNull @Size(max = 128) String newPassword) {
    }

    public record PasswordResetRequest(@NotBlank @Size(max = Limits.EMAIL) String email) {
    }

    public record PasswordReset(
            @NotBlank @Size(max = 200) String token,
            @NotNull @Size(max = 128) String newPassword) {
    }
}

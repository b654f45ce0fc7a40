package io.eventplatform.registration.service;

import java.security.SecureRandom;

/** QR codes: 22 characters of [A-Za-z0-9] from a secure random source, about 131 bits (the prototype: 16, 95 bits). */
final class QrCodes {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 22;
    private static final SecureRandom RANDOM = new SecureRandom();

    private QrCodes() {
    }

    static String generate() {
        StringBuilder code = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}

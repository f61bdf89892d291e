//! Credentials whose secret parts never show by accident: `Debug`, `Display` and serde print a
//! mask; [`Masked::reveal`] / [`Credential::reveal`] are the only ways to see them.

use serde::{Serialize, Serializer};
use std::fmt;

/// The mask shown instead of a secret (fixed length: the length is not leaked either).
pub const MASK: &str = "********";

/// A secret string (password, `auth` field). Shown as [`MASK`]; an empty secret shows as `""` so a
/// learner can still see that a password is missing.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Masked(String);

impl Masked {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        Masked(secret.into())
    }
    /// The secret itself. Call only when the user asked to see it.
    pub fn reveal(&self) -> &str {
        &self.0
    }
    /// Whether the secret is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    /// What is shown instead of the secret.
    pub fn masked(&self) -> &'static str {
        if self.0.is_empty() {
            ""
        } else {
            MASK
        }
    }
}

impl fmt::Debug for Masked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Masked({:?})", self.masked())
    }
}

impl fmt::Display for Masked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.masked())
    }
}

impl Serialize for Masked {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.masked())
    }
}

/// What the kubelet hands to the container runtime for one pull attempt: the fields of
/// `credentialprovider.AuthConfig` that config files, secrets and plugins fill (SPEC §5.1).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Credential {
    /// Registry user name (not secret).
    pub username: String,
    /// Password, masked.
    pub password: Masked,
    /// E-mail (deprecated by Docker; carried along, never used for auth).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
}

/// A [`Credential`] with its password in clear, for an explicit "reveal" request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevealedCredential {
    /// Registry user name.
    pub username: String,
    /// Password in clear.
    pub password: String,
    /// E-mail.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub email: String,
}

impl Credential {
    /// A credential from its parts.
    pub fn new(username: impl Into<String>, password: impl Into<String>, email: impl Into<String>) -> Self {
        Credential { username: username.into(), password: Masked::new(password), email: email.into() }
    }
    /// The credential with its password in clear. Call only when the user asked to see it.
    pub fn reveal(&self) -> RevealedCredential {
        RevealedCredential {
            username: self.username.clone(),
            password: self.password.reveal().to_owned(),
            email: self.email.clone(),
        }
    }
}

impl fmt::Display for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.username.is_empty() {
            f.write_str("(empty user name)")?;
        } else {
            f.write_str(&self.username)?;
        }
        if self.password.is_empty() {
            f.write_str(" / (empty password)")
        } else {
            write!(f, " / {MASK}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_shows_the_password() {
        let c = Credential::new("ada", "s3cr3t-pass", "ada@example.com");
        for shown in [format!("{c}"), format!("{c:?}"), format!("{c:#?}"), serde_json::to_string(&c).unwrap()] {
            assert!(!shown.contains("s3cr3t-pass"), "{shown}");
            assert!(shown.contains("ada"), "{shown}");
        }
        assert_eq!(c.reveal().password, "s3cr3t-pass");
        assert_eq!(c.password.reveal(), "s3cr3t-pass");
        assert_eq!(format!("{}", Credential::new("", "", "")), "(empty user name) / (empty password)");
    }
}

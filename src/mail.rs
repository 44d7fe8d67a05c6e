//! `.eml` / `.txt` / `.html` reading for the CLI. (Being written.)

use crate::message::MessageInput;

/// Why a message file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("the file is empty")]
    Empty,
}

/// Reads one message file by its name and bytes.
pub fn load_message(_name: &str, bytes: &[u8]) -> Result<MessageInput, MailError> {
    if bytes.is_empty() {
        return Err(MailError::Empty);
    }
    Ok(MessageInput { text: String::from_utf8_lossy(bytes).into_owned(), ..MessageInput::default() })
}

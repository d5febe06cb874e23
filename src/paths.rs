//! Where the journal lives, and the name of this device's own log.

use std::fs;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use crate::error::{Error, Result};

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "srt")
}

/// The data dir: `--data-dir` or `SRT_DATA_DIR` (already folded together by clap) first,
/// then the platform's data dir (on Linux `~/.local/share/srt`).
pub fn data_dir(explicit: Option<&Path>) -> Result<PathBuf> {
    if let Some(dir) = explicit {
        return Ok(dir.to_path_buf());
    }
    project_dirs().map(|dirs| dirs.data_dir().to_path_buf()).ok_or_else(|| {
        Error::failure("could not find a home directory for the journal; set SRT_DATA_DIR or pass --data-dir DIR")
    })
}

/// This device's id, which names its own log inside the (possibly synced) data dir. It is
/// kept outside the data dir, so two laptops syncing one journal never share it:
/// `SRT_DEVICE` if set, else a file in the platform's local state (or config) dir,
/// created with a fresh random id on first use.
pub fn device_id() -> Result<String> {
    if let Some(id) = std::env::var_os("SRT_DEVICE") {
        let id = id.to_string_lossy().into_owned();
        return check_device_id(&id).map(|()| id).map_err(Error::usage);
    }
    let dirs = project_dirs().ok_or_else(|| {
        Error::failure("could not find a home directory to keep this device's id; set SRT_DEVICE to a short name")
    })?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.config_local_dir());
    let path = dir.join("device-id");
    match fs::read_to_string(&path) {
        Ok(text) => {
            let id = text.trim().to_string();
            check_device_id(&id).map(|()| id).map_err(|why| {
                Error::failure(format!("{} is damaged: {why}; delete it to get a new id", path.display()))
            })
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => create_device_id(dir, &path),
        Err(err) => Err(Error::io("read this device's id from", &path, err)),
    }
}

fn create_device_id(dir: &Path, path: &Path) -> Result<String> {
    let id = uuid::Uuid::new_v4().simple().to_string()[..12].to_string();
    crate::durable::create_private_dir(dir)?;
    // Another srt may race us to it: whichever file landed first is the id.
    let written =
        crate::durable::write_atomically_with(path, false, |file| Ok(file.write_all(format!("{id}\n").as_bytes())?));
    if let Err(err) = written
        && !path.exists()
    {
        return Err(err);
    }
    let landed = fs::read_to_string(path).map_err(|err| Error::io("read this device's id from", path, err))?;
    Ok(landed.trim().to_string())
}

/// A device id becomes a folder name, so it must be a plain, short name.
pub fn check_device_id(id: &str) -> Result<(), String> {
    let plain = id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if id.is_empty() || id.len() > 64 || !plain {
        return Err(format!(
            "'{}' is not a usable device id: use 1 to 64 letters, digits, '-' or '_'",
            crate::text::visible(id, false)
        ));
    }
    Ok(())
}

/// Who records on this computer, as answered the first time srt asked: kept beside the
/// device id, as it belongs to this computer, not the synced journal. `Some("")` means the
/// parent chose not to say; `None` that srt has not asked yet.
pub fn saved_recorder() -> Option<String> {
    let path = recorder_file()?;
    std::fs::read_to_string(path).ok().map(|text| text.trim().to_string())
}

/// Keeps who records on this computer (empty: asked, and not said).
pub fn save_recorder(name: &str) -> Result<()> {
    let path = recorder_file().ok_or_else(|| {
        Error::failure("could not find a home directory to keep who records; set recorder in the config")
    })?;
    crate::durable::create_private_dir(crate::durable::parent_of(&path))?;
    crate::durable::write_atomically_with(&path, false, |file| Ok(file.write_all(format!("{name}\n").as_bytes())?))
}

fn recorder_file() -> Option<PathBuf> {
    let dirs = project_dirs()?;
    Some(dirs.state_dir().unwrap_or_else(|| dirs.config_local_dir()).join("recorder"))
}

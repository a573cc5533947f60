// Fault injection for tests (node --require): the process writes half of the
// first .pdf it writes and is then killed, as by a power cut. Whatever way the
// tool writes (fs.write on an opened file, or fs.promises.writeFile), the half
// file lands where the tool was writing; the test then looks at what is left.
const fs = require('node:fs');

const isPdf = (file) => /\.pdf$/.test(String(file));
const die = () => process.kill(process.pid, 'SIGKILL');
const paths = new Map();

const open = fs.open;
fs.open = function (file, ...rest) {
  const callback = rest[rest.length - 1];
  rest[rest.length - 1] = (error, fd) => {
    if (!error) paths.set(fd, file);
    callback(error, fd);
  };
  return open.call(this, file, ...rest);
};

const write = fs.write;
fs.write = function (fd, buffer, ...rest) {
  if (isPdf(paths.get(fd)) && Buffer.isBuffer(buffer) && buffer.length > 1000) {
    fs.writeSync(fd, buffer, 0, Math.floor(buffer.length / 2));
    die();
  }
  return write.call(this, fd, buffer, ...rest);
};

const writeFile = fs.promises.writeFile;
fs.promises.writeFile = async function (file, data, ...rest) {
  if (isPdf(file) && data.length > 1000) {
    fs.writeFileSync(file, data.subarray(0, Math.floor(data.length / 2)));
    die();
  }
  return writeFile.call(this, file, data, ...rest);
};

